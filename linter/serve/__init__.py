"""``jxlint serve``: a local web page (and a small HTTP API) for reviewers without a terminal.

Optional extra ``jxlint[serve]`` (Starlette, uvicorn, python-multipart). Modules:
uploads (multipart stream → a per-request folder, with a size limit), checking (one lint run
over uploaded files → every output the page offers), page (the page itself, all inline),
app (routes and errors), server (binding and starting uvicorn).
"""
