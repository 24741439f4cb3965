"""Quality measurement of the evidence engine on labelled data given by path (`make eval`)."""
