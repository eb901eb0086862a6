global using System.Net;
global using System.Text;
global using System.Text.Json;
global using FluentAssertions;
global using IoActors.Manager.Tests.Support;
global using Xunit;
