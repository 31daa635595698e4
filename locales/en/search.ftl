# English messages of search, feeds and sharing.
