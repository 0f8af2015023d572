"""Pages of child protection (included at the site root under the namespace ``protection``)."""

from hearth.protection import urls_conferences, urls_strategy, urls_twoworkers

app_name = "protection"
urlpatterns = [*urls_strategy.urlpatterns, *urls_conferences.urlpatterns,
               *urls_twoworkers.urlpatterns]
