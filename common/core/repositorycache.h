#pragma once

#include "core/repository.h"

#include <QHash>
#include <QStringList>

#include <optional>

namespace forgelink {

// What a listing may reuse from the last complete one: the cached repositories by id, and for
// each page fetched with a conditional request, its ETag and the ids it held. A page that did
// not change (304) is taken from here instead of being parsed again, and so is its next link:
// a 304 need not repeat the Link header (RFC 9110 section 15.4.5).
struct CachedPage {
    QString etag;
    QStringList ids;
    std::optional<QString> next;       // the next page's URL, empty on the last page; unknown: never reused
    std::optional<qint64> totalCount;  // how many items the whole listing had, when the page said
};

struct RepositoryCache {
    QHash<QString, Repository> repositories; // by provider id
    QHash<QString, CachedPage> pages;        // by URL
};

// A complete listing of one provider, ready to replace the cache.
struct RepositoryListing {
    QList<Repository> repositories;
    QHash<QString, CachedPage> pages; // pages fetched this time with their ETags
    int notModified = 0; // pages the provider answered 304
};

} // namespace forgelink
