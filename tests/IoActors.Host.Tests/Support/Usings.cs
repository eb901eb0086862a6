global using IoActors.Testing;
global using Xunit;
