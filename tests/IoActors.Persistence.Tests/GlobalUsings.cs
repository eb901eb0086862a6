global using IoActors.Testing;
