"""At the workshop (issue #19): sessions and marks, self check-in by QR code, verifiable
certificates.

Services: marks.py (sessions, marks and the days attended they imply), check_in.py (links
and check-ins), certificates.py (codes, verification, revocation), erasure.py and merging.py
(what erasing a person on request, or merging two records of one, does to the workshop's
records). Pages: routes.py, the one
`workshop` blueprint; page.py gives the event page its workshop sections. Nothing is imported
here, so that events, reports and people may use the services without importing the views.
"""
