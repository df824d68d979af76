// Package scalar holds the custom GraphQL scalars of the schema: Time,
// Date and the global ID of every object.
package scalar
