//! A struct serialized with more fields after its own, as one struct: what
//! `#[serde(flatten)]` does, without its cost. Flattening serializes the
//! whole as a map of unknown size, so tera builds it key by key as strings
//! of their own, growing it step by step (a third of making an episode's
//! context); here the struct is serialized as a struct, sized for all the
//! fields, and the extra ones are added before it ends.

use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};

/// Fields serialized after a struct's own.
pub(crate) trait MoreFields {
    /// How many `serialize` adds.
    const COUNT: usize;
    fn serialize<S: SerializeStruct>(&self, into: &mut S) -> Result<(), S::Error>;
}

/// `base`, a struct, with the fields of `more` after its own.
pub(crate) struct Merged<'a, T, M> {
    pub(crate) base: &'a T,
    pub(crate) more: M,
}

impl<T: Serialize, M: MoreFields> Serialize for Merged<'_, T, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.base.serialize(Base {
            serializer,
            more: &self.more,
        })
    }
}

/// Serializes the base struct, and nothing else.
struct Base<'m, S, M> {
    serializer: S,
    more: &'m M,
}

/// The base struct's fields, then the others.
struct Fields<'m, S, M> {
    into: S,
    more: &'m M,
}

impl<S: SerializeStruct, M: MoreFields> SerializeStruct for Fields<'_, S, M> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.into.serialize_field(key, value)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
        self.into.skip_field(key)
    }

    fn end(mut self) -> Result<S::Ok, S::Error> {
        self.more.serialize(&mut self.into)?;
        self.into.end()
    }
}

/// The error of a base that is not a struct.
fn not_a_struct<E: ser::Error>() -> E {
    E::custom("only a struct is merged with more fields")
}

/// `fn name(self, _: A, ...) -> Result<Ok, Error>` refusing anything but a struct.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $name(self, $(_: $arg),*) -> Result<$ok, S::Error> {
            Err(not_a_struct())
        })*
    };
}

impl<'m, S: Serializer, M: MoreFields> Serializer for Base<'m, S, M> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = Fields<'m, S::SerializeStruct, M>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeStruct, S::Error> {
        Ok(Fields {
            into: self.serializer.serialize_struct(name, len + M::COUNT)?,
            more: self.more,
        })
    }

    refuse! {
        serialize_bool(bool) -> S::Ok;
        serialize_i8(i8) -> S::Ok;
        serialize_i16(i16) -> S::Ok;
        serialize_i32(i32) -> S::Ok;
        serialize_i64(i64) -> S::Ok;
        serialize_u8(u8) -> S::Ok;
        serialize_u16(u16) -> S::Ok;
        serialize_u32(u32) -> S::Ok;
        serialize_u64(u64) -> S::Ok;
        serialize_f32(f32) -> S::Ok;
        serialize_f64(f64) -> S::Ok;
        serialize_char(char) -> S::Ok;
        serialize_str(&str) -> S::Ok;
        serialize_bytes(&[u8]) -> S::Ok;
        serialize_none() -> S::Ok;
        serialize_unit() -> S::Ok;
        serialize_unit_struct(&'static str) -> S::Ok;
        serialize_unit_variant(&'static str, u32, &'static str) -> S::Ok;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Base {
        a: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<u32>,
    }

    struct Two(bool);

    impl MoreFields for Two {
        const COUNT: usize = 2;
        fn serialize<S: SerializeStruct>(&self, into: &mut S) -> Result<(), S::Error> {
            into.serialize_field("c", &self.0)?;
            into.serialize_field("d", "more")
        }
    }

    #[derive(Serialize)]
    struct Flattened<'a> {
        #[serde(flatten)]
        base: &'a Base,
        c: bool,
        d: &'static str,
    }

    /// The same document as `#[serde(flatten)]` makes.
    #[test]
    fn merged_is_flattened() {
        for base in [Base { a: 1, b: None }, Base { a: 2, b: Some(3) }] {
            let merged = serde_json::to_value(Merged {
                base: &base,
                more: Two(true),
            })
            .expect("serializes");
            let flattened = serde_json::to_value(Flattened {
                base: &base,
                c: true,
                d: "more",
            })
            .expect("serializes");
            assert_eq!(merged, flattened);
        }
        assert!(
            serde_json::to_value(Merged {
                base: &7,
                more: Two(false)
            })
            .is_err()
        );
    }
}
