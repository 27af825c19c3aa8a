"""License knowledge: the catalog (categories, MOT verdicts), names and expressions, text matching."""
