DROP TRIGGER events_notify ON events;
DROP FUNCTION vellum_notify_event();
DROP TABLE events;
