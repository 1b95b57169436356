"""Importing members from a spreadsheet (XLSX or CSV): read, check, preview, then save in the background.

reading   the file into a header and rows; whole-file refusals (ImportFileError)
columns   the columns, their Vietnamese headers, cell values
checking  every row against the member's rules, matched to the branch's members (a Plan)
saving    the Plan in one transaction, in bulk, with history naming the file
jobs      the ImportJob an editor starts and confirms
tasks     the background tasks (django-tasks)
"""
