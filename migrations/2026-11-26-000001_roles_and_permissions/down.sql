DROP TABLE role_permissions;
DROP TABLE permissions;
DROP TABLE roles;
DROP FUNCTION vellum_set_updated_at();
