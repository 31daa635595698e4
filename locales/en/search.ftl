# English messages of search, feeds and sharing.

search-title = Search
search-title-for = Search: { $query }
search-heading = Search the network's activities
search-label = Search for
search-button = Search
search-hint = Finds words in any language of the region, ignoring case and accents. Use "quotes" for a phrase, -word to leave out what mentions a word, OR for either of two words.
search-filter-category = Category
search-filter-organization = Organization
search-filter-language = Language
search-filter-year = Year
search-any-category = All categories
search-any-organization = All organizations
search-any-language = All languages
search-any-year = All years
search-found = { $count ->
    [one] One activity found.
   *[other] { $count } activities found.
}
search-nothing-found = Nothing found. Try other or fewer words, or fewer filters.
search-too-short = Type at least one word of two characters or more.
search-ignored = Left out, too short to search for: { $terms }
search-found-more-than = More than { $count } activities found.
search-capped = Showing the best of the { $count } most recently added matches: add a word or a filter to narrow the search.
search-pages-label = Result pages
search-previous-results = Previous results
search-more-results = More results

feed-site-link = Latest activities (Atom feed)
feed-category-link = { $name }: latest activities (Atom feed)
feed-organization-link = Activities of { $name } (Atom feed)
feed-site-title = { $site }: latest activities
feed-category-title = { $site }: { $name }
feed-organization-title = { $site }: activities of { $name }
