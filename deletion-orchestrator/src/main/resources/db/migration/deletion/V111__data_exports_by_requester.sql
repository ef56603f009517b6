-- An erased person's id is replaced in data_exports.requested_by (the export worker's poll after
-- their job completes): found through this index, not by reading the whole table.
create index data_exports_by_requester on data_exports (requested_by);
