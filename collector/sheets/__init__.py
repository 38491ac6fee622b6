"""File kinds that belong to no platform: enrolment results, campaign lists, activities, units."""
