"""No forms: a job is started by the page of its record (a POST with no fields) and only read here."""
