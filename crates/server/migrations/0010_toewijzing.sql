-- When a resident was assigned to the current consultant: a consultant's start page shows the
-- residents newly assigned to them. Empty on the waiting list and for older assignments.
ALTER TABLE inwoner ADD COLUMN toegewezen_op TEXT;
