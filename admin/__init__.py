"""The data admin at /admin (sqladmin): who may log in and on whose rows (`access`), what each page shows
(`views`), and how it is mounted once the runtime is open (`site`)."""
