"""Spreadsheets the members pages give: the member list (with its filters) and the import template."""
