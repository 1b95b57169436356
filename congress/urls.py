"""The congress app's URLs: the term workspace (committee, targets) and the congress day."""

from congress.urls_day import urlpatterns as day_urlpatterns
from congress.urls_workspace import urlpatterns as workspace_urlpatterns

app_name = "congress"
urlpatterns = workspace_urlpatterns + day_urlpatterns
