//! Values a message can be filled with: numbers stay numbers so Fluent can
//! choose the plural form; everything else is text.

use std::borrow::Cow;

use fluent_bundle::FluentValue;

/// A value for a message's `{ $name }`.
pub trait Arg {
    fn fluent(&self) -> FluentValue<'_>;
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn fluent(&self) -> FluentValue<'_> {
                FluentValue::from(*self)
            }
        }
    )*};
}

number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64);

impl Arg for str {
    fn fluent(&self) -> FluentValue<'_> {
        FluentValue::String(Cow::Borrowed(self))
    }
}

impl Arg for String {
    fn fluent(&self) -> FluentValue<'_> {
        FluentValue::String(Cow::Borrowed(self))
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn fluent(&self) -> FluentValue<'_> {
        (**self).fluent()
    }
}

/// Domain values shown through their `Display` (identifiers such as an IIN or
/// a ticket number, never a count).
macro_rules! display_args {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn fluent(&self) -> FluentValue<'_> {
                FluentValue::String(Cow::Owned(self.to_string()))
            }
        }
    )*};
}

display_args!(
    char,
    chrono::NaiveDate,
    std::io::Error,
    std::path::Display<'_>,
    chrono::format::DelayedFormat<chrono::format::StrftimeItems<'_>>,
    crate::domain::iin::Iin,
    crate::domain::calendar::DueError,
    crate::store::StoreError
);
