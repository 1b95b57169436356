"""Views of the congress day, one module per tab: preparation (the overview, details, programme,
guests), attendance (summons, the check-in desk, the opening), bodies, elections, resolution,
handover; common holds what they share."""
