"""Entities of a resume (name, titles, employers, institutions, degrees, graduation years)
tagged by a CRF trained on labelled resumes; the parser reads its role and education fields
from them."""
