"""The self-review report (Báo cáo kiểm điểm của Ban Chấp hành) of a term, as plain data.

- `data`: the term's records the report reads (seats, congress, ratings, targets), loaded
  in a fixed number of queries, and `ReportData`, the document as plain values;
- `wording`: every sentence and phrase the document writes from those records;
- `build`: `report_data` assembles the document, `draft_narrative` the first draft.

The renderers (reports.render) read only `ReportData`; issuing stores it as JSON, so an
issued document can be rebuilt from its snapshot alone.
"""
