"""Learned keyword extraction for job postings: a CRF trained on SkillSpan's Knowledge spans.

`model.keywords(text)` returns the keywords as the posting wrote them; `model.extract(text)`
returns them as spans with character offsets. `features` turns text into tokens and token
features; `train` builds the model shipped beside this file.
"""
