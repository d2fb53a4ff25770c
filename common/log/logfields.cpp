#include "log/logfields.h"

namespace forgelink {

namespace {
thread_local const LogFields *t_innermost = nullptr;
} // namespace

LogFields::LogFields(std::initializer_list<Field> fields) : m_fields(fields), m_outer(t_innermost)
{
    t_innermost = this;
}

LogFields::~LogFields()
{
    t_innermost = m_outer;
}

QList<LogFields::Field> LogFields::current()
{
    QList<Field> fields;
    for (const LogFields *scope = t_innermost; scope; scope = scope->m_outer)
        fields = scope->m_fields + fields;
    return fields;
}

} // namespace forgelink
