#include "batchrun.h"

#include "answersreader.h"
#include "answersvalidator.h"
#include "provider.h"
#include "providercheck.h"
#include "setupgenerator.h"

#include <QDir>
#include <QTextStream>

namespace forgelink {

namespace {

QString enabledProviderNames(const Answers &answers)
{
    QStringList names;
    if (answers.github) names << providerDisplayName(Provider::GitHub);
    if (answers.gitlab) names << providerDisplayName(Provider::GitLab);
    if (answers.bitbucket) names << providerDisplayName(Provider::Bitbucket);
    if (answers.azureDevOps) names << providerDisplayName(Provider::AzureDevOps);
    return names.join(QStringLiteral(", "));
}

} // namespace

int BatchRun::run(const Options &options)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    AnswersReader::Outcome read = AnswersReader::readFile(options.answersFile);
    FieldErrors errors = read.errors;
    if (errors.isEmpty())
        errors = AnswersValidator::validate(read.answers);
    if (!errors.isEmpty()) {
        err << "forgelink-wizard: " << options.answersFile << " has " << errors.size()
            << (errors.size() == 1 ? " problem" : " problems") << "; nothing was written:\n";
        for (const FieldError &error : errors)
            err << "  " << error.toString() << '\n';
        return 2;
    }

    if (options.check) {
        bool allPassed = true;
        for (Provider provider : allProviders()) {
            const bool enabled = (provider == Provider::GitHub && read.answers.github) || (provider == Provider::GitLab && read.answers.gitlab)
                    || (provider == Provider::Bitbucket && read.answers.bitbucket)
                    || (provider == Provider::AzureDevOps && read.answers.azureDevOps);
            if (!enabled)
                continue;
            const ProviderCheck::Outcome outcome = ProviderCheck::run(provider, read.answers);
            out << providerDisplayName(provider) << ": " << (outcome.passed ? "verified" : "FAILED") << '\n';
            for (const QString &fact : outcome.facts)
                out << "  " << fact << '\n';
            for (const QString &problem : outcome.problems)
                out << "  problem: " << problem << '\n';
            if (!outcome.installUrl.isEmpty())
                out << "  install the App on repositories: " << outcome.installUrl << '\n';
            allPassed &= outcome.passed;
        }
        out.flush();
        if (!allPassed) {
            err << "forgelink-wizard: a check against a provider failed; nothing was written\n";
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
    if (Result<void> written = SetupGenerator::write(output.value(), directory.absolutePath()); !written) {
        err << "forgelink-wizard: " << written.error() << '\n';
        return 1;
    }

    const QString valuesPath = directory.absoluteFilePath(QStringLiteral("values.yaml"));
    out << "Wrote " << valuesPath << " (Pipekit chart values: " << enabledProviderNames(read.answers) << ")\n";
    out << "Wrote " << directory.absoluteFilePath(QStringLiteral("agent.yaml")) << " (forgelink-agent config)\n";
    out << "Both files hold secrets and are readable by you only.\n\n";
    out << "Apply the values to Pipekit with:\n  " << SetupGenerator::helmCommand(valuesPath) << '\n';
    return 0;
}

} // namespace forgelink
