"""Core of the library: auth, builders, endpoints, enums, exceptions, objects, responses."""
