#include "manifestbrowser.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

namespace forgelink::test {

namespace {

QByteArray unescapeHtml(QByteArray text)
{
    return text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&");
}

QNetworkReply *wait(QNetworkReply *reply)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    return reply;
}

} // namespace

bool ManifestBrowser::parseForm(const QByteArray &html, QUrl *action, QByteArray *manifest)
{
    const auto actionMatch = QRegularExpression(QStringLiteral("action=\"([^\"]*)\"")).match(QString::fromUtf8(html));
    const auto valueMatch = QRegularExpression(QStringLiteral("name=\"manifest\" value=\"([^\"]*)\"")).match(QString::fromUtf8(html));
    if (!actionMatch.hasMatch() || !valueMatch.hasMatch())
        return false;
    *action = QUrl(QString::fromUtf8(unescapeHtml(actionMatch.captured(1).toUtf8())));
    *manifest = unescapeHtml(valueMatch.captured(1).toUtf8());
    return true;
}

QByteArray ManifestBrowser::get(const QUrl &url)
{
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(wait(network.get(QNetworkRequest(url))));
    return reply->readAll();
}

QString ManifestBrowser::submit(const QByteArray &html, bool follow)
{
    QUrl action;
    QByteArray manifest;
    if (!parseForm(html, &action, &manifest))
        return {};
    QNetworkAccessManager network;
    QNetworkRequest request(action);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(wait(network.post(request, "manifest=" + manifest.toPercentEncoding())));
    const QString location = QString::fromUtf8(reply->rawHeader("Location"));
    if (follow && !location.isEmpty())
        get(QUrl(location));
    return location;
}

} // namespace forgelink::test
