"""Demo data, seeding and benchmarks in one place of their own: synthetic families
(``families``, ``names``, ``load``, ``bulk``), the organisation and demo sign-ins
(``organisation``), each area's demo records (``frontdoor``, ``casework``, ``protection``) and the
benchmarks (``bench_search``, ``bench_chronology``), behind ``hearth demo-data``, ``hearth seed``
and ``hearth bench``. The top layer: it may use any app, and no app uses it."""
