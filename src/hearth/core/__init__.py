"""The ground floor: what every app builds on and nothing here imports an app.

- ``refusals``: the one error an action raises when it will not write (``Refused``; a stale
  version is ``StaleEdit``), with the one table of what each kind answers on a page and in the API.
- ``versions``: ETags and ``If-Match`` for optimistic locking.
- ``visibility``: how ``visible_to(user)`` is applied, the registry of scopes each app adds, and
  one ``get_visible_or_404``.
- ``registry``: the points where a higher app adds to a lower one's page or answer (the
  person page's panels, the person API's extra fields, hooks run after a lower app's action).
- ``pages``: the one page helper (parse → act → refuse-or-redirect).
- ``problems``: the API's error body and the exception handler behind the status table.
- ``forms``: GOV.UK form fields every app's forms use (dates, date-times, error placement).
- ``safe_csv``: the one CSV writer, every cell neutralised for spreadsheets (formula injection).
- ``production``: what makes a configuration unsafe for production (read by the settings and
  ``hearth serve``).
"""
