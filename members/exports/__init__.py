"""Spreadsheets the members pages give: the member list (with its filters), the yearly ratings and the import
template; the writing itself is chidoan.lib.spreadsheets."""
