# English messages of the accounts and admin area (login, sessions, management pages).
