-- One row that serialises the changes which must leave an enabled admin: revoking a user locks it
-- first (SELECT ... FOR UPDATE), so two admins revoking each other at once cannot both succeed. A
-- table of its own, referenced by nothing: locking the users' rows FOR UPDATE instead would block, and
-- on PostgreSQL deadlock with, inserts of those users' refresh tokens, whose foreign key takes a
-- KEY SHARE lock on the user's row.
CREATE TABLE admin_changes (
    id INTEGER NOT NULL PRIMARY KEY
);
INSERT INTO admin_changes (id) VALUES (1);
