-- Lists are ordered by name, then id (the cursor's tie-breaker). With an index in that order a
-- page is read straight off the index, and a scoped list (a stakeholder's) can probe its
-- visibility condition row by row instead of filtering and sorting the whole table.
CREATE INDEX business_unit_name_id_idx ON business_unit (name, id);
CREATE INDEX person_name_id_idx ON person (name, id);
CREATE INDEX it_team_name_id_idx ON it_team (name, id);
CREATE INDEX business_goal_name_id_idx ON business_goal (name, id);
CREATE INDEX capability_name_id_idx ON capability (name, id);
CREATE INDEX it_service_name_id_idx ON it_service (name, id);
CREATE INDEX initiative_name_id_idx ON initiative (name, id);
CREATE INDEX capability_owner_idx ON capability (owner_business_unit_id);
CREATE INDEX business_goal_owner_idx ON business_goal (owner_business_unit_id);
