"""The events' read API by concern: `serializers` (the bodies), `filters` (what may be asked), `views`
(events, people, themes, search), `aid` (aid lines and totals) and `index` (the page's columnar index)."""
