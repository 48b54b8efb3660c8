"""The workshop report: a city's indicators, views, methods and credits as one PDF.

It sits above core and the scene (it runs analyses with the same runner as
``twin-app run`` and draws views with the same off-screen scene as
``twin-app render``) and below the front ends: the CLI and the window both
call :func:`twin_app.report.build.build_report`.  No Qt here, so a report is
made the same way with or without a display.
"""

#: seconds each analysis of a report may run before it is stopped and left out: an installed
#: plugin that never ends must not hold up the report of the others (here, so the CLI can
#: show the default without importing the report's machinery)
ANALYSIS_TIME_LIMIT_S = 15 * 60.0
