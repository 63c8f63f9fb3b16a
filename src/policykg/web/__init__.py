"""The served application: the HTTP server and its worker pool, the routes and the pages."""
