"""What children looked after add to the list of what is due (``hearth.core.due``): one
module per area, each a source registered from LookedAfterConfig.ready()."""
