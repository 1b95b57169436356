# test_day_helpers.py is a temporary alias of helpers.py for tests/reports (see its docstring): not tests.
collect_ignore = ["test_day_helpers.py"]
