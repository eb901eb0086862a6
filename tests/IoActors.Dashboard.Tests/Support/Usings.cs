global using IoActors.Testing;
global using Microsoft.Playwright;
global using Xunit;
global using static Microsoft.Playwright.Assertions;
