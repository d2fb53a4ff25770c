#include "manifestflow.h"

#include "http/httpserver.h"
#include "providers/github/githubprovider.h"
#include "providers/providercheck.h"
#include "providers/repositorylister.h"

#include <QDesktopServices>
#include <QThread>
#include <QUrlQuery>

namespace forgelink {

namespace {
HttpResponse page(int status, const QString &text)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "text/html; charset=utf-8";
    response.body = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>forgelink</title></head>"
                                   "<body><p>%1</p></body></html>")
                            .arg(text.toHtmlEscaped())
                            .toUtf8();
    return response;
}
} // namespace

ManifestFlow::ManifestFlow(QObject *parent) : QObject(parent)
{
    m_openBrowser = [](const QUrl &url) { QDesktopServices::openUrl(url); };
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        finish();
        Q_EMIT failed(tr("GitHub did not send the browser back within the time allowed (GitHub allows an hour). "
                         "Start again, or enter the App's details by hand."));
    });
}

ManifestFlow::~ManifestFlow()
{
    if (m_thread) {
        m_thread->disconnect(this);
        connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    }
}

bool ManifestFlow::start(const Request &request)
{
    finish();
    m_request = request;
    m_server = new HttpServer(HttpLimits{}, [this](HttpRequest http, HttpServer::Responder respond) {
        if (http.path == "/start") {
            HttpResponse response;
            response.contentType = "text/html; charset=utf-8";
            response.body = m_page;
            respond(response);
            return;
        }
        if (http.path != "/callback") {
            respond(page(404, tr("Nothing here.")));
            return;
        }
        const QUrlQuery query(QString::fromUtf8(http.query));
        const QString problem = m_states.consume(query.queryItemValue(QStringLiteral("state")));
        if (!problem.isEmpty()) {
            respond(page(400, problem));
            if (m_running) {
                finish();
                Q_EMIT failed(problem);
            }
            return;
        }
        respond(page(200, tr("GitHub created the App. You can close this tab and return to forgelink.")));
        exchange(query.queryItemValue(QStringLiteral("code")));
    }, this);
    if (Result<void> listening = m_server->listen(QHostAddress::LocalHost, 0); !listening) {
        const QString message = listening.error();
        finish();
        Q_EMIT failed(message);
        return false;
    }
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort());
    m_state = m_states.issue();
    const QJsonObject manifest = GitHubManifest::build(request.domain, request.appName, base + QStringLiteral("/callback"));
    m_page = GitHubManifest::formPage(manifest, GitHubManifest::formUrl(GitHubProvider::webUrl(request.apiUrl),
                                                                       request.organization, m_state));
    m_startUrl = QUrl(base + QStringLiteral("/start"));
    m_running = true;
    m_timeout.start(m_timeoutMs);
    m_openBrowser(m_startUrl);
    return true;
}

void ManifestFlow::exchange(const QString &code)
{
    auto result = std::make_shared<Result<GitHubManifest::App>>(fail(QString()));
    m_thread = QThread::create([request = m_request, code, result] {
        ApiSettings settings = RepositoryLister::apiSettings(request.apiUrl, request.network);
        settings.maxAttempts = 2;
        ApiClient client(settings);
        *result = GitHubManifest::convert(client, code, request.webhookSecret);
    });
    connect(m_thread, &QThread::finished, this, [this, result] {
        m_thread->deleteLater();
        m_thread = nullptr;
        if (!m_running)
            return; // cancelled meanwhile
        finish();
        if (*result)
            Q_EMIT finished(result->value());
        else
            Q_EMIT failed(result->error());
    });
    m_thread->start();
}

void ManifestFlow::cancel()
{
    if (!m_running)
        return;
    finish();
    Q_EMIT failed(tr("Cancelled. You can start again, or enter the App's details by hand."));
}

void ManifestFlow::finish()
{
    m_running = false;
    m_timeout.stop();
    if (m_server) {
        m_server->stopAccepting();
        m_server->deleteLater();
        m_server = nullptr;
    }
}

} // namespace forgelink
