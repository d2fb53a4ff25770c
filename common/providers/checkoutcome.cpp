#include "providers/checkoutcome.h"

namespace forgelink {

CheckOutcome CheckOutcome::failed(const QString &problem)
{
    CheckOutcome outcome;
    outcome.problems << problem;
    return outcome;
}

CheckOutcome CheckOutcome::unreachable(const QString &provider, const QString &error)
{
    QString hint;
    if (error.contains(QStringLiteral("certificate"), Qt::CaseInsensitive) || error.contains(QStringLiteral("SSL"), Qt::CaseInsensitive))
        hint = tr(" The server's certificate is not trusted: give the CA bundle of your company.");
    // (A host name that does not resolve: the API client's message says what to check already.)
    else if (error.contains(QStringLiteral("not found"), Qt::CaseInsensitive) || error.contains(QStringLiteral("refused"), Qt::CaseInsensitive))
        hint = tr(" Check the URL, and the proxy if this network needs one.");
    return failed(tr("%1 cannot be reached: %2.%3").arg(provider, error, hint));
}

} // namespace forgelink
