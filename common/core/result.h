#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace forgelink {

// The error side of a Result: a message for a human, already naming what is wrong.
struct Failure {
    QString message;
};

inline Failure fail(QString message) { return Failure{std::move(message)}; }

// Errors as values: callers test `if (!r)` and read `r.error()`.
template<typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) { }
    Result(Failure failure) : m_error(std::move(failure.message)) { }

    explicit operator bool() const { return m_value.has_value(); }
    bool ok() const { return m_value.has_value(); }

    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    // By value: a reference into a temporary Result would dangle in `for (x : f().value())`.
    T value() && { return std::move(*m_value); }
    const T &operator*() const & { return *m_value; }
    T &operator*() & { return *m_value; }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }

    const QString &error() const { return m_error; }

private:
    std::optional<T> m_value;
    QString m_error;
};

template<>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Failure failure) : m_failed(true), m_error(std::move(failure.message)) { }

    explicit operator bool() const { return !m_failed; }
    bool ok() const { return !m_failed; }
    const QString &error() const { return m_error; }

private:
    bool m_failed = false;
    QString m_error;
};

} // namespace forgelink
