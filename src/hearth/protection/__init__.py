"""Child protection (issue 6): strategy discussions, Section 47 enquiries with two workers,
conferences, plans and core groups. So far: the codes and the pure rules; the app, its models
and pages come next."""
