DROP TABLE persisted_documents;
