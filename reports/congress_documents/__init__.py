"""The congress's documents, built from everything the day recorded, in the Union's format.

- the vote-counting record (biên bản kiểm phiếu) of each election, signed by the counting committee;
- the congress minutes (biên bản Đại hội);
- the congress resolution (nghị quyết) with its targets;
- the ballot papers, one per voter present, candidates in Vietnamese name order.

`data` reads the day once into a `CongressRecord`; `wording` holds the documents' phrases;
`build` makes each document (template, context, file name) for reports.render.page.
"""
