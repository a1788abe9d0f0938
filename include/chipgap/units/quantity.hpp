// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <string_view>

namespace chipgap::units {

// The physical dimensions that appear in the catalog. Floating-point and integer operations share one
// dimension (operations per second), as export rules and vendors count them the same way.
enum class Dimension { ComputeRate, DataRate, DataSize, Area, Power, Money, Time, Energy };

// Human name of a dimension ("data rate") and an example value for error messages ("3.35 TB/s").
std::string_view dimension_name(Dimension dimension);
std::string_view dimension_example(Dimension dimension);

// A value of one dimension, stored in the dimension's base unit:
//   ComputeRate: operations/s   DataRate: bytes/s   DataSize: bytes   Area: mm²
//   Power: W                    Money: USD          Time: s           Energy: J
// Mixing dimensions is a compile error; only the products and ratios defined below exist.
template <Dimension D>
class Quantity {
 public:
  static constexpr Dimension dimension = D;

  constexpr Quantity() = default;
  static constexpr Quantity from_base(double value) { return Quantity(value); }
  constexpr double base() const { return value_; }

  constexpr Quantity operator+(Quantity other) const { return Quantity(value_ + other.value_); }
  constexpr Quantity operator-(Quantity other) const { return Quantity(value_ - other.value_); }
  constexpr Quantity operator*(double factor) const { return Quantity(value_ * factor); }
  constexpr Quantity operator/(double divisor) const { return Quantity(value_ / divisor); }
  constexpr double operator/(Quantity other) const { return value_ / other.value_; }
  constexpr Quantity& operator+=(Quantity other) {
    value_ += other.value_;
    return *this;
  }
  constexpr auto operator<=>(const Quantity&) const = default;

 private:
  explicit constexpr Quantity(double value) : value_(value) {}
  double value_ = 0.0;
};

template <Dimension D>
constexpr Quantity<D> operator*(double factor, Quantity<D> q) {
  return q * factor;
}

using ComputeRate = Quantity<Dimension::ComputeRate>;
using DataRate = Quantity<Dimension::DataRate>;
using DataSize = Quantity<Dimension::DataSize>;
using Area = Quantity<Dimension::Area>;
using Power = Quantity<Dimension::Power>;
using Money = Quantity<Dimension::Money>;
using Time = Quantity<Dimension::Time>;
using Energy = Quantity<Dimension::Energy>;

// Named constructors and readers in the units people quote.
constexpr ComputeRate tera_ops_per_second(double v) { return ComputeRate::from_base(v * 1e12); }
constexpr double in_tera_ops_per_second(ComputeRate r) { return r.base() / 1e12; }
constexpr DataRate gigabytes_per_second(double v) { return DataRate::from_base(v * 1e9); }
constexpr double in_gigabytes_per_second(DataRate r) { return r.base() / 1e9; }
constexpr double in_terabytes_per_second(DataRate r) { return r.base() / 1e12; }
constexpr double in_gigabits_per_second(DataRate r) { return r.base() * 8 / 1e9; }
constexpr DataSize gigabytes(double v) { return DataSize::from_base(v * 1e9); }
constexpr double in_gigabytes(DataSize s) { return s.base() / 1e9; }
constexpr Area square_millimetres(double v) { return Area::from_base(v); }
constexpr double in_square_millimetres(Area a) { return a.base(); }
constexpr Power watts(double v) { return Power::from_base(v); }
constexpr double in_watts(Power p) { return p.base(); }
constexpr double in_kilowatts(Power p) { return p.base() / 1e3; }
constexpr Money usd(double v) { return Money::from_base(v); }
constexpr double in_usd(Money m) { return m.base(); }
constexpr Time seconds(double v) { return Time::from_base(v); }
constexpr double in_seconds(Time t) { return t.base(); }

// Products and ratios across dimensions.
constexpr Time operator/(DataSize size, DataRate rate) { return Time::from_base(size.base() / rate.base()); }
constexpr DataSize operator*(DataRate rate, Time time) { return DataSize::from_base(rate.base() * time.base()); }
constexpr Energy operator*(Power power, Time time) { return Energy::from_base(power.base() * time.base()); }

}  // namespace chipgap::units
