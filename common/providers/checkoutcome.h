#pragma once

#include "providers/apiclient.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace forgelink {

// What a credential check found: the wizard's Verify and `--batch --check` show it.
struct CheckOutcome {
    Q_DECLARE_TR_FUNCTIONS(forgelink::CheckOutcome)

public:
    bool passed = false;
    QStringList facts;    // what was found: the App's name, the token's expiry, ...
    QStringList problems; // what is wrong, each with how to fix it
    // A step the provider needs once its credentials check out (GitHub: install the App on the
    // repositories): what to do, and where. Empty when there is none.
    struct NextStep {
        QString text; // "install the App on the repositories Pipekit should build"
        QString url;
    };
    NextStep nextStep;

    static CheckOutcome failed(const QString &problem);
    // The provider could not be reached: the error, with a hint for the usual causes.
    static CheckOutcome unreachable(const QString &provider, const QString &error, ApiClient::Failure failure);
};

} // namespace forgelink
