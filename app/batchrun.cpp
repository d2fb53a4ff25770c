#include "batchrun.h"

#include "config/agentruninstructions.h"
#include "config/answersreader.h"
#include "config/answersvalidator.h"
#include "config/securefilewriter.h"
#include "config/setupgenerator.h"
#include "core/provider.h"
#include "providers/github/githubmanifest.h"
#include "providers/github/githubprovider.h"
#include "providers/providercheck.h"
#include "providers/providerregistry.h"
#include "providers/repositorylister.h"

#include <QDir>
#include <QJsonDocument>
#include <QTextStream>

namespace forgelink {

namespace {

QString enabledProviderNames(const Answers &answers)
{
    QStringList names;
    for (const GitProvider *provider : ProviderRegistry::all()) {
        if (provider->isEnabled(answers))
            names << provider->displayName();
    }
    return names.join(QStringLiteral(", "));
}

} // namespace

int BatchRun::run(const Options &options)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    AnswersReader::Reading read = AnswersReader::readFile(options.answersFile);
    if (options.createGitHubApp && read.errors.isEmpty()) {
        if (const int status = createGitHubApp(read.answers, options.outputDirectory); status != 0)
            return status;
    }
    const FieldErrors errors = AnswersValidator::validate(read);
    if (!errors.isEmpty()) {
        err << "forgelink-wizard: "
            << (errors.size() == 1 ? tr("%1 has 1 problem; nothing was written:").arg(options.answersFile)
                                   : tr("%1 has %2 problems; nothing was written:").arg(options.answersFile).arg(errors.size()))
            << '\n';
        for (const FieldError &error : errors)
            err << "  " << error.toString() << '\n';
        return 2;
    }

    if (options.check) {
        bool allPassed = true;
        for (Provider provider : allProviders()) {
            if (!ProviderRegistry::get(provider).isEnabled(read.answers))
                continue;
            const CheckOutcome outcome = ProviderCheck::run(provider, read.answers);
            out << providerDisplayName(provider) << ": " << (outcome.passed ? tr("verified") : tr("FAILED")) << '\n';
            for (const QString &fact : outcome.facts)
                out << "  " << fact << '\n';
            for (const QString &problem : outcome.problems)
                out << "  " << tr("problem: %1").arg(problem) << '\n';
            if (!outcome.nextStep.url.isEmpty())
                out << "  " << tr("next: %1: %2").arg(outcome.nextStep.text, outcome.nextStep.url) << '\n';
            allPassed &= outcome.passed;
        }
        out.flush();
        if (!allPassed) {
            err << "forgelink-wizard: " << tr("a check against a provider failed; nothing was written") << '\n';
            return 1;
        }
    }

    Result<ValuesLayout> layout = options.valuesLayoutFile.isEmpty()
            ? ValuesLayout::builtIn()
            : ValuesLayout::fromFile(options.valuesLayoutFile);
    if (!layout) {
        err << "forgelink-wizard: " << layout.error() << '\n';
        return 2;
    }

    Result<SetupGenerator::Output> output = SetupGenerator::generate(read.answers, layout.value());
    if (!output) {
        err << "forgelink-wizard: " << output.error() << '\n';
        return 1;
    }
    const QDir directory(options.outputDirectory);
    if (Result<void> written = SetupGenerator::write(output.value(), directory.absolutePath(), options.force); !written) {
        err << "forgelink-wizard: " << written.error() << '\n';
        return SetupGenerator::existingFiles(directory.absolutePath(), output->fileNames()).isEmpty() || options.force ? 1 : 2;
    }

    const QString valuesPath = directory.absoluteFilePath(QStringLiteral("values.yaml"));
    out << "Wrote " << valuesPath << " (Pipekit chart values: " << enabledProviderNames(read.answers) << ")\n";
    out << "Wrote " << directory.absoluteFilePath(QStringLiteral("agent.yaml")) << " (forgelink-agent config, secrets inside)\n";
    out << "Wrote " << directory.absoluteFilePath(QStringLiteral("kubernetes/forgelink-secrets.yaml")) << " and "
        << directory.absoluteFilePath(QStringLiteral("kubernetes/agent.yaml")) << " (the agent on Kubernetes)\n";
    for (const auto &[name, content] : std::as_const(output->deploymentFiles))
        out << "Wrote " << directory.absoluteFilePath(name) << '\n';
    out << "They hold secrets and are readable by you only.\n\n";
    out << "Apply the values to Pipekit with:\n  " << SetupGenerator::helmCommand(valuesPath) << "\n\n";
    auto indented = [](const QString &commands) { return QStringLiteral("  ") + QString(commands).replace(u'\n', QStringLiteral("\n  ")); };
    if (const auto &deploy = output->answers.deploy) {
        out << "Run the agent (deploy.target " << deploy->target << "):\n"
            << indented(deploy->isKubernetes() ? AgentRunInstructions::kustomization(directory.absolutePath())
                        : deploy->isVm()       ? AgentRunInstructions::vm(directory.absolutePath())
                                               : AgentRunInstructions::containerFor(directory.absolutePath(), deploy->image))
            << '\n';
        return 0;
    }
    out << "Run the agent on Kubernetes (from forgelink's source folder):\n" << indented(AgentRunInstructions::kubernetes(directory.absolutePath())) << "\n\n";
    out << "or on a VM with systemd:\n" << indented(AgentRunInstructions::systemd(directory.absolutePath())) << "\n\n";
    out << "or in a container:\n" << indented(AgentRunInstructions::container(directory.absolutePath())) << '\n';
    return 0;
}

int BatchRun::printManifest(const QString &domain, const QString &organization, const QString &appName)
{
    if (const auto problem = AnswersValidator::checkHostName(domain)) {
        QTextStream(stderr) << "forgelink-wizard: --domain " << *problem << '\n';
        return 2;
    }
    const QString name = appName.isEmpty() ? (organization.isEmpty() ? QStringLiteral("Pipekit") : QStringLiteral("Pipekit ") + organization)
                                           : appName;
    QTextStream(stdout) << QJsonDocument(GitHubManifest::build(domain, name, QStringLiteral("https://") + domain + QLatin1Char('/')))
                                   .toJson(QJsonDocument::Indented);
    return 0;
}

int BatchRun::createGitHubApp(Answers &answers, const QString &outputDirectory)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const auto problem = AnswersValidator::checkHostName(answers.domain)) {
        err << "forgelink-wizard: domain: " << *problem << '\n';
        return 2;
    }
    ProviderAnswers &github = ProviderRegistry::enable(answers, Provider::GitHub);
    const QString organization = github.value(QStringLiteral("organization"));
    if (github.value(QStringLiteral("appName")).isEmpty())
        github.set(QStringLiteral("appName"), organization.isEmpty() ? QStringLiteral("Pipekit") : QStringLiteral("Pipekit ") + organization);
    const QString appName = github.value(QStringLiteral("appName"));
    const QString apiUrl = github.value(QStringLiteral("apiUrl"));
    ManifestStates states;
    const QString state = states.issue();
    // No listener here: GitHub sends the browser to Pipekit's own address, where the admin copies it.
    const QJsonObject manifest = GitHubManifest::build(answers.domain, appName, QStringLiteral("https://") + answers.domain + QLatin1Char('/'));
    const QUrl form = GitHubManifest::formUrl(GitHubProvider::webUrl(apiUrl), organization, state);
    const QDir directory(outputDirectory);
    if (!QDir().mkpath(directory.absolutePath())) {
        err << "forgelink-wizard: cannot create the folder " << directory.absolutePath() << '\n';
        return 1;
    }
    const QString pagePath = directory.absoluteFilePath(QStringLiteral("create-github-app.html"));
    if (Result<void> written = SecureFileWriter::writeAll({ { pagePath, GitHubManifest::formPage(manifest, form) } }); !written) {
        err << "forgelink-wizard: " << written.error() << '\n';
        return 1;
    }
    out << "1. Open " << pagePath << " in a browser where you are signed in to GitHub (copy it to your desktop\n"
        << "   if this is a server) and confirm the new App \"" << appName << "\" on GitHub.\n"
        << "2. GitHub then sends the browser to https://" << answers.domain << "/?code=...&state=...\n"
        << "   Paste that whole address here and press Enter (within the hour):\n";
    out.flush();
    const QString pasted = QTextStream(stdin).readLine();
    Result<GitHubManifest::Redirect> redirect = GitHubManifest::parseRedirect(pasted);
    if (!redirect) {
        err << "forgelink-wizard: " << redirect.error() << '\n';
        return 1;
    }
    if (!redirect->state.isEmpty()) {
        if (const QString problem = states.consume(redirect->state); !problem.isEmpty()) {
            err << "forgelink-wizard: " << problem << '\n';
            return 1;
        }
    }
    NetworkSettings network;
    network.caBundleFile = answers.caBundleFile;
    network.proxyUrl = answers.proxyUrl;
    ApiSettings settings = RepositoryLister::apiSettings(apiUrl, network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    Result<GitHubManifest::App> app = GitHubManifest::convert(client, redirect->code, github.value(QStringLiteral("webhookSecret")).toUtf8());
    if (!app) {
        err << "forgelink-wizard: " << app.error() << '\n';
        return 1;
    }
    const bool replacedSecret = GitHubManifest::adopt(github, app.value());
    const QString keyFile = directory.absoluteFilePath(QStringLiteral("github-app.pem"));
    github.set(QStringLiteral("privateKeyFile"), keyFile);
    github.set(QStringLiteral("privateKey"), QString()); // the file holds it; values.yaml and agent.yaml read it from there
    if (Result<void> written = SecureFileWriter::writeAll({ { keyFile, app->pem } }); !written) {
        err << "forgelink-wizard: " << written.error() << '\n';
        return 1;
    }
    out << "GitHub created the App \"" << app->name << "\" (ID " << app->id << "); its private key is in "
        << keyFile << ".\n";
    if (replacedSecret)
        out << "The App signs its deliveries with the webhook secret GitHub generated: values.yaml and agent.yaml get that\n"
            << "one instead of github.webhookSecret from the answers file.\n";
    out << "Install it on the repositories Pipekit should build: " << GitHubProvider::webUrl(apiUrl)
        << "/apps/" << app->slug << "/installations/new\n\n";
    return 0;
}

} // namespace forgelink
