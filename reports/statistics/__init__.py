"""Periodic statistics (báo cáo số liệu) of an organisation: the period, the figures, the documents."""
