#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace forgelink::test {

// Plays the admin's browser in the App Manifest flow: opens the form page, submits the manifest
// to (fake) GitHub, and either follows GitHub's redirect or returns where it points. It waits
// in a local event loop, so fakes served by the test process keep answering.
class ManifestBrowser {
public:
    // The page's form action and manifest value.
    static bool parseForm(const QByteArray &html, QUrl *action, QByteArray *manifest);
    static QByteArray get(const QUrl &url);
    // Posts the form; returns the redirect's Location (following it when `follow` is set).
    static QString submit(const QByteArray &html, bool follow);
};

} // namespace forgelink::test
